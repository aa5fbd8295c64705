# A monorepo: shared settings in an underscore target, one target per
# service, a release variant through a matrix, a docs build from an inline
# Dockerfile and a build on top of another target's result.
variable "REGISTRY" {
  default = "ghcr.io/example"
}

variable "SERVICES_DIR" {
  default = "services"
}

variable "GO_VERSION" {
  type    = string
  default = "1.26"
}

group "default" {
  targets = ["api", "worker", "docs"]
}

target "_common" {
  context = "."
  args = {
    GO_VERSION = GO_VERSION
  }
}

target "api" {
  inherits   = ["_common"]
  dockerfile = "${SERVICES_DIR}/api/Dockerfile"
  tags       = ["${REGISTRY}/api:latest"]
}

target "worker" {
  inherits   = ["api"]
  dockerfile = "${SERVICES_DIR}/worker/Dockerfile"
}

target "release" {
  name       = "release-${svc}"
  matrix     = { svc = ["api", "worker"] }
  inherits   = [svc]
  tags       = ["${REGISTRY}/${svc}:${upper("v1")}"]
}

target "docs" {
  context           = "docs"
  dockerfile-inline = <<-EOT
    FROM alpine
    COPY . /srv
  EOT
}

target "debug" {
  contexts = {
    base = "target:api"
  }
  context    = "target:api"
  dockerfile = "debug.Dockerfile"
}

target "stamp" {
  context = "build-${timestamp()}"
}
