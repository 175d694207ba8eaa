package dev.lumen.db.repository.example;

/** Sends the welcome e-mail; a side effect that must never happen for a user who was rolled back. */
@FunctionalInterface
public interface WelcomeMailer {

    /**
     * Sends the welcome message.
     *
     * @param email the new user's address
     */
    void sendWelcome(String email);
}
