package dev.lumen.db.repository.example;

import dev.lumen.db.core.error.NotFoundException;
import dev.lumen.db.core.tx.TransactionRunner;
import dev.lumen.db.core.tx.TxOptions;
import dev.lumen.db.repository.roles.RoleRepository;
import dev.lumen.db.repository.users.NewUser;
import dev.lumen.db.repository.users.UserRepository;
import dev.lumen.db.schema.tables.pojos.Role;
import dev.lumen.db.schema.tables.pojos.User;
import java.time.Duration;

/**
 * Registers a user with a role: both rows commit together or neither does, and the welcome e-mail goes out only
 * after the commit (the Go version sent it inside the transaction, so a rollback after it still mailed).
 */
public final class UserRegistrationService {

    /** The seed's options: read committed with a 30 s timeout. */
    static final TxOptions OPTIONS = TxOptions.readCommitted().timeout(Duration.ofSeconds(30));

    private final TransactionRunner transactions;
    private final UserRepository users;
    private final RoleRepository roles;
    private final WelcomeMailer mailer;

    /**
     * Creates the service.
     *
     * @param transactions the transaction runner ({@code db.transactions()})
     * @param users        the users repository
     * @param roles        the roles repository
     * @param mailer       where welcome messages go
     */
    public UserRegistrationService(TransactionRunner transactions, UserRepository users, RoleRepository roles,
            WelcomeMailer mailer) {
        this.transactions = transactions;
        this.users = users;
        this.roles = roles;
        this.mailer = mailer;
    }

    /**
     * Creates the user and gives them the named role, in one transaction.
     *
     * @param newUser  the user
     * @param roleName an existing role's name
     * @return the stored user
     * @throws NotFoundException when the role does not exist (nothing is stored, no e-mail is sent)
     * @throws dev.lumen.db.core.error.UniqueViolationException when the e-mail is taken
     */
    public User register(NewUser newUser, String roleName) {
        return transactions.call(OPTIONS, tx -> {
            User user = users.create(tx, newUser);
            Role role = roles.findByName(tx, roleName)
                    .orElseThrow(() -> new NotFoundException("role", "name given at registration"));
            roles.assign(tx, user.id(), role.id());
            tx.afterCommit(() -> mailer.sendWelcome(user.email()));
            return user;
        });
    }
}
