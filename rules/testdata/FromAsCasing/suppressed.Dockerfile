# check=skip=FromAsCasing
FROM node:20 as build
RUN true
FROM node:20 AS ok
# layerlint ignore=FromAsCasing generated file
FROM node:20 as gen
