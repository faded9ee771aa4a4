"""KPIs (10.1): incremental daily aggregates of the activity log, the back-office
dashboard and the monthly report; cookie-less page analytics and the feedback button."""
