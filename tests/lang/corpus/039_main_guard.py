import sys
def main():
    print("running as", __name__)
    print(len(sys.argv), sys.argv[0].endswith("main_guard.py"))
if __name__ == "__main__":
    main()
