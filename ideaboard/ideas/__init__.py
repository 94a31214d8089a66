"""Ideas: the เอ๊ะ, its current and proposed steps, and the impact computed from them."""
