from evalbot.cli import main

raise SystemExit(main())
