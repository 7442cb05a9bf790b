from callassist.app import main

raise SystemExit(main())
