import sys
def main():
    try:
        print("working")
        return 3
    finally:
        print("cleanup")
sys.exit(main())
