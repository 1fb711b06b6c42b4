import os
os.remove("_no_such_file_for_os_error.txt")
