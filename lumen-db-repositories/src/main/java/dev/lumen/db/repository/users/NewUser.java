package dev.lumen.db.repository.users;

import dev.lumen.db.core.error.InvalidInputException;
import dev.lumen.db.repository.Texts;

/**
 * What it takes to create a user.
 *
 * @param email        the e-mail address, unique among live users ignoring case
 * @param passwordHash a password hash (never a password)
 * @param firstName    first name, may be empty
 * @param lastName     last name, may be empty
 */
public record NewUser(String email, String passwordHash, String firstName, String lastName) {

    /** Refuses blank required fields before any SQL runs. */
    public NewUser {
        if (email.isBlank()) {
            throw new InvalidInputException("A user needs an e-mail address", null, null);
        }
        if (passwordHash.isBlank()) {
            throw new InvalidInputException("A user needs a password hash", null, null);
        }
        Texts.wellFormed("E-mail address", email);
        Texts.wellFormed("Password hash", passwordHash);
        Texts.wellFormed("First name", firstName);
        Texts.wellFormed("Last name", lastName);
    }

    /** The password hash is masked. */
    @Override
    public String toString() {
        return "NewUser[email=" + email + ", passwordHash=****, firstName=" + firstName + ", lastName=" + lastName + "]";
    }
}
