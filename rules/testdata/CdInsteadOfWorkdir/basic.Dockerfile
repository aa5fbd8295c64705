FROM golang:1.22
# want "CdInsteadOfWorkdir: cd /src lasts only for this RUN; use WORKDIR /src"
RUN cd /src && go build -o /out/app .

# want "CdInsteadOfWorkdir: cd /tmp" "CdInsteadOfWorkdir: cd /"
RUN curl -fsSLO https://example.com/x.tgz && cd /tmp && tar xzf x.tgz && cd / && rm -rf /tmp/x

# want "CdInsteadOfWorkdir: cd \.\."
ONBUILD RUN cd .. && make

# a cd inside an sh -c string, exec form and other commands are not reported
RUN sh -c 'cd /tmp && ls' && echo cdrom
RUN ["sh", "-c", "cd /tmp && ls"]
WORKDIR /src
