"""Ask a person in Slack: the button on unsure answers, the click that sends the question to the
experts channel (EVALBOT_EXPERTS_CHANNEL), and experts' replies posted back to the asker."""
