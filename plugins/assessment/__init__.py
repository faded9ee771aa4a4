"""Export-maturity self-assessment: versioned questionnaires, multi-step taking, scoring,
a personalised report (web and Word) and progress over time."""
