from checker.launcher import main

main()
