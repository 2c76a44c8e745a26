"""Entry point of the frozen app: ``shopinsight`` = the CLI; with no verb it opens the window."""
import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()   # scikit-learn/joblib may start worker processes
    from shopinsight.cli import main

    sys.exit(main())
