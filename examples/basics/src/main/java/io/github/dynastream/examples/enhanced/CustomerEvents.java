package io.github.dynastream.examples.enhanced;

import io.github.dynastream.Change;
import io.github.dynastream.OnInsert;
import io.github.dynastream.OnModify;
import java.util.function.Consumer;

/** Reacts to new customers and tier changes, with the writer's own {@link Customer} class. */
public class CustomerEvents {
    private final Consumer<String> out;

    /** @param out where messages go */
    public CustomerEvents(Consumer<String> out) {
        this.out = out;
    }

    @OnInsert
    void welcome(Customer customer) {
        out.accept("welcome " + customer.getEmail());
    }

    @OnModify(changed = "tier")
    void tierChanged(Change<Customer> change) {
        out.accept(change.newItem().getEmail() + ": " + change.oldItem().getTier() + " -> "
                + change.newItem().getTier());
    }
}
