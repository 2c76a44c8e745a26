from shopinsight.cli import main

raise SystemExit(main())
