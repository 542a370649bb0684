# German dates: "6. März 2018", "6. März 2018, 14:30". Everything not set here is Django's own
# German format.
DATE_FORMAT = "j. F Y"
DATETIME_FORMAT = "j. F Y, H:i"
