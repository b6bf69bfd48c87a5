package generator

// Cache keeps what builds of the same shared files can share, so that a
// portfolio's clients are not each parsed from the start. It is safe for
// concurrent use by several builds. The zero value is not usable; call
// NewCache.
type Cache struct{}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{} }
