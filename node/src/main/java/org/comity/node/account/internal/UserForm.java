package org.comity.node.account.internal;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.comity.node.account.User;
import org.comity.node.account.UserDraft;
import org.comity.node.platform.Role;

/** The administrator's user form as the browser posts it. */
public class UserForm {

    private UUID authorityId;
    private String username;
    private String displayName;
    private String email;
    private Set<Role> roles = EnumSet.noneOf(Role.class);
    private String password;
    private boolean enabled = true;
    private Integer version;

    static UserForm of(User u) {
        UserForm f = new UserForm();
        f.authorityId = u.authorityId();
        f.username = u.username();
        f.displayName = u.displayName();
        f.email = u.email();
        f.roles = u.roles().isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(u.roles());
        f.enabled = u.enabled();
        f.version = u.version();
        return f;
    }

    UserDraft toDraft() {
        return new UserDraft(authorityId, username, displayName, email, roles, password, enabled);
    }

    public UUID getAuthorityId() { return authorityId; }
    public void setAuthorityId(UUID v) { authorityId = v; }
    public String getUsername() { return username; }
    public void setUsername(String v) { username = v; }
    public String getDisplayName() { return displayName; }
    public void setDisplayName(String v) { displayName = v; }
    public String getEmail() { return email; }
    public void setEmail(String v) { email = v; }
    public Set<Role> getRoles() { return roles; }
    public void setRoles(Set<Role> v) { roles = v == null ? EnumSet.noneOf(Role.class) : v; }
    public String getPassword() { return password; }
    public void setPassword(String v) { password = v; }
    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean v) { enabled = v; }
    public Integer getVersion() { return version; }
    public void setVersion(Integer v) { version = v; }
}
