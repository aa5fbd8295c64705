FROM alpine:3.20
# want "NoEmptyContinuation: blank line 4"
RUN apk add --no-cache \

    curl

# want "NoEmptyContinuation: 2 blank lines"
RUN echo one \
    
    && echo two \
	
    && echo three

# comments inside a continuation are not blank lines
RUN echo a \
# a comment
    && echo b

# a blank line after the last line ends the instruction
RUN echo done

# escaped escape: no continuation
RUN echo \\

CMD ["sh"]
