# English dates day first, as in British English: "6 March 2018", "6 March 2018, 14:30" (Django's
# own English format is American: "March 6, 2018"). Everything not set here is Django's.
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
