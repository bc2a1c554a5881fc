// fixture
window.fixture = 1;
