"""Events, trade missions and webinars: the calendar, registration with a waiting
list, reminders, iCalendar feeds, mission programmes, B2B meetings and webinar
providers (Jitsi Meet, BigBlueButton) behind one contract (issue 13)."""
