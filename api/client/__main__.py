import sys

from api.client.cli import main

sys.exit(main())
