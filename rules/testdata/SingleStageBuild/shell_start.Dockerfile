# An interactive shell as the command: a development image. Silent.
FROM gcc:14
COPY . /src
RUN make -C /src
CMD ["bash"]
