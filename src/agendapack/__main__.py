from agendapack.cli import main

main()
