//go:build unix

package fsutildiff

import (
	"net"
	"syscall"
)

func mkfifo(p string) error { return syscall.Mkfifo(p, 0o644) }

func listenUnix(p string) (net.Listener, error) { return net.Listen("unix", p) }
