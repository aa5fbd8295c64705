FROM debian:bookworm-slim
# want "CurlPipeShell: ^curl output is piped into sh, which runs it unverified; download to a file and check its checksum first$"
RUN curl -fsSL https://example.com/install.sh | sh
# want "CurlPipeShell: piped into bash"
RUN curl -sL https://deb.nodesource.com/setup_20.x | sudo -E bash -
# want "CurlPipeShell: ^wget output is piped into sh"
RUN wget -qO- https://get.example.org | sh -s -- --yes
# want "CurlPipeShell: piped into bash"
RUN curl -sSL https://aka.ms/getvsdbgsh | bash /dev/stdin -v latest -l /vsdbg
# other interpreters read the program from the pipe too
# want "CurlPipeShell: piped into python3"
RUN curl https://bootstrap.pypa.io/get-pip.py | python3 - --user
# want "CurlPipeShell: piped into php"
RUN curl -sS https://getcomposer.org/installer | php -- --install-dir=/usr/local/bin
# a command or process substitution is the same thing
# want "CurlPipeShell: ^bash runs the output of curl unverified"
RUN bash -c "$(curl -fsSL https://example.com/install.sh)"
# want "CurlPipeShell: ^bash runs the output of wget"
RUN bash <(wget -qO- https://example.com/install.sh)
# a tee in the middle does not help
# want "CurlPipeShell"
RUN curl -fsSL https://example.com/i.sh | tee /tmp/i.sh | sh
