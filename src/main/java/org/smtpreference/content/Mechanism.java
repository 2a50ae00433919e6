package org.smtpreference.content;

import java.util.List;
import java.util.Locale;

/**
 * A SASL mechanism used with AUTH, with a worked exchange.
 *
 * @param name the mechanism name
 * @param rfc the RFC defining it, {@code 0} when none does
 * @param summary what it does
 * @param exchange a worked exchange
 */
public record Mechanism(String name, int rfc, Text summary, List<ExchangeLine> exchange) {

	public Mechanism {
		exchange = List.copyOf(exchange);
	}

	/**
	 * The anchor of the mechanism's section on the AUTH page.
	 */
	public String anchor() {
		return "mechanism-" + this.name.toLowerCase(Locale.ROOT);
	}

}
