// The same module, written by a user who reaches into dynastream's implementation: it must not compile.
module com.example.orders {
    requires io.github.dynastream.core;
}
