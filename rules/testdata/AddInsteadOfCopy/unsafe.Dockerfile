FROM alpine:3.20
# a file without an extension may be an archive ADD would unpack: the fix needs review
# want "AddInsteadOfCopy"
ADD payload /opt/
# want "AddInsteadOfCopy"
ADD src/*.py /app/
