// A user's module on the module path: it requires the four published modules and reads their API
// through them alone (aws-lambda-java-events, Jackson, the SDK and KCL come with requires transitive).
module com.example.orders {
    requires io.github.dynastream.core;
    requires io.github.dynastream.enhanced;
    requires io.github.dynastream.testkit;
    requires io.github.dynastream.kcl;

    // dynastream calls the handler methods and reads the items by reflection.
    opens com.example.orders to
            io.github.dynastream.core,
            com.fasterxml.jackson.databind;
}
