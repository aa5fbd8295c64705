package main

import "example.com/server/internal/store"

func main() { store.Open() }
