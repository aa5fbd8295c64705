FROM node:20 AS build
from node:20 as deps
# a mixed-case FROM is left to ConsistentInstructionCasing
From node:20 as other
# no AS at all
FROM node:20
