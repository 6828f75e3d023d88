package org.comity.node.account;

/** A newly issued token with its secret: the only moment the secret exists outside its owner's hands. */
public record IssuedToken(TokenInfo info, String secret) {

    @Override
    public String toString() {
        return "IssuedToken[" + info.prefix() + "…]";
    }
}
