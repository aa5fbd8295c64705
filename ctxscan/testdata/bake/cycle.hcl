# Targets that inherit each other, a variable that refers to itself, a
# missing parent, a typed variable without a default, global attributes and
# a reference to another target's attribute (not modelled).
CTX = "src"
variable "SELF" {
  default = "${SELF}-x"
}
variable "NONE" {
  type = string
}
variable "EMPTY" {}

target "a" {
  inherits = ["b"]
  context  = CTX
}
target "b" {
  inherits   = ["a"]
  dockerfile = "b.Dockerfile"
}
target "self" {
  context = SELF
}
target "ref" {
  context = target.a.context
}
target "orphan" {
  inherits = ["missing"]
}
target "typed" {
  context = "x/${NONE}"
}
target "empty" {
  context = "x${EMPTY}"
  dockerfile = try(NOPE, "fallback.Dockerfile")
}
