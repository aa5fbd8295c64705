FROM debian:bookworm
# want "ShellChangedWithLn: this link replaces /bin/sh"
RUN ln -sf /bin/bash /bin/sh
# want "ShellChangedWithLn"
RUN rm /bin/sh && ln -s bash /bin/sh
# linking from /bin/sh, or elsewhere, is fine
RUN ln -s /bin/sh /usr/local/bin/sh && ln -sf /bin/bash /usr/bin/bash5
