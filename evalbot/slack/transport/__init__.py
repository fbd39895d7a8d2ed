"""The transport: how Slack's deliveries arrive and how answers leave.

The HTTP server (gunicorn) and its WSGI guard, Socket Mode, the Web API client and its
retries, the outbox that keeps every acknowledged answer until it is sent, duplicate
deliveries, rate limits, the OAuth install flow and sealed tokens. What users see (the
listeners, answering, Home, forms, Ask a person) is the app, in the rest of `evalbot/slack/`;
`evalbot/slack/app.py` joins the two.
"""
