from allied.cli import main

main()
