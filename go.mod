module cjkbook

go 1.26
