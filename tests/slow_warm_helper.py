"""A module whose import takes long (a stand-in for a heavy job module such as scikit-learn on a
busy machine): a ChildPool child warming it is "still importing" for that long."""
import time

IMPORT_SECONDS = 30.0
time.sleep(IMPORT_SECONDS)
