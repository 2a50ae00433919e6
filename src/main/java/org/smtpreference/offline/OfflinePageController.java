package org.smtpreference.offline;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The page the service worker keeps in both languages at install and shows for a page it
 * did not keep while the site cannot be reached, instead of the browser's own error.
 */
@Controller
class OfflinePageController {

	@GetMapping("/offline")
	String offline() {
		return "offline/offline";
	}

}
