main.sh
