"""evalbot: a Slack advisor for people who lead AI evaluation work."""

import os

__version__ = "0.1.0"

# The semantic layer multiplies one small matrix by one vector per message. A BLAS
# thread pool only adds hand-offs to that (2.7 ms instead of 0.14 ms on a busy 2-core
# machine) and would multiply across server workers, so numpy gets one thread unless
# the user has said otherwise. Set before anything imports numpy.
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")
