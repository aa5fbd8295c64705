# want "FromAsCasing: 'as' does not match the case of 'FROM'"
FROM node:20 as build
RUN npm --version

# want "FromAsCasing: 'AS' does not match the case of 'from'"
from node:20 AS deps
run npm --version

# want "FromAsCasing"
FROM node:20 As mixed
RUN true
