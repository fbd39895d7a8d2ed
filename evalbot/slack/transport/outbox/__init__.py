"""Nothing acknowledged is lost: delivery claims and the outbox, in the state store.

- `claims`: an Events API delivery's `event_id` is claimed once, on any worker or host.
- `keep`: before the ack, the claim, the answer and its outbox row are written in one
  transaction (`KeepAnswer`, the event listeners' Bolt middleware).
- `queue`: the outbox table: due rows, taking one to send, and what became of it.
- `posting`: one `chat.postMessage` of a row, and what its outcome means.
- `sender`: per process, a few threads post due answers, one channel per thread,
  paced by Slack's `Retry-After`; resumed at start, drained on shutdown.
- `faults`: a store fault every delivery meets is logged once a minute, with a count.
"""
