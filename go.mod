module github.com/pubs-dev/pubs

go 1.26.8

require github.com/google/go-cmp v0.7.0

require github.com/BurntSushi/toml v1.6.0 // indirect
