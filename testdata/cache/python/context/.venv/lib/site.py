# a virtual environment, ignored
