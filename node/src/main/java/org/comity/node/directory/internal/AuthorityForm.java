package org.comity.node.directory.internal;

import java.util.Arrays;
import org.comity.node.directory.Authority;
import org.comity.node.directory.AuthorityDraft;
import org.comity.node.directory.AuthorityKind;

/** The administrator's authority form as the browser posts it (languages as "en, fr"). */
public class AuthorityForm {

    private String stateCode;
    private String nodeId;
    private String name;
    private AuthorityKind kind;
    private String email;
    private String phone;
    private String languages;
    private String hours;
    private boolean active = true;
    private Integer version;

    static AuthorityForm of(Authority a) {
        AuthorityForm f = new AuthorityForm();
        f.stateCode = a.stateCode();
        f.nodeId = a.nodeId();
        f.name = a.name();
        f.kind = a.kind();
        f.email = a.email();
        f.phone = a.phone();
        f.languages = String.join(", ", a.languages());
        f.hours = a.hours();
        f.active = a.active();
        f.version = a.version();
        return f;
    }

    AuthorityDraft toDraft() {
        return new AuthorityDraft(stateCode, nodeId, name, kind, email, phone,
                languages == null ? java.util.List.of() : Arrays.stream(languages.split("[,\\s]+")).filter(s -> !s.isBlank()).toList(), active,
                hours);
    }

    public String getStateCode() { return stateCode; }
    public void setStateCode(String v) { stateCode = v; }
    public String getNodeId() { return nodeId; }
    public void setNodeId(String v) { nodeId = v; }
    public String getName() { return name; }
    public void setName(String v) { name = v; }
    public AuthorityKind getKind() { return kind; }
    public void setKind(AuthorityKind v) { kind = v; }
    public String getEmail() { return email; }
    public void setEmail(String v) { email = v; }
    public String getPhone() { return phone; }
    public void setPhone(String v) { phone = v; }
    public String getLanguages() { return languages; }
    public void setLanguages(String v) { languages = v; }
    public String getHours() { return hours; }
    public void setHours(String v) { hours = v; }
    public boolean isActive() { return active; }
    public void setActive(boolean v) { active = v; }
    public Integer getVersion() { return version; }
    public void setVersion(Integer v) { version = v; }
}
