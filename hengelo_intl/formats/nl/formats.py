# Dutch dates as the portal writes them: "6 maart 2018", "6 maart 2018, 14:30". Everything not set
# here is Django's own Dutch format.
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
