from debian:bookworm-slim
add https://example.com/pkg.deb /tmp/
# want "CleanupInLaterLayer: ^rm removes /tmp/pkg.deb, which the ADD on line 2 added"
run dpkg -i /tmp/pkg.deb \
 && rm -f \
      /tmp/pkg.deb
arg TMP=/var/tmp
copy a.bin ${TMP}/a.bin
# variables are expanded
# want "CleanupInLaterLayer: ^rm removes /var/tmp/a.bin"
run cd $TMP && rm a.bin
