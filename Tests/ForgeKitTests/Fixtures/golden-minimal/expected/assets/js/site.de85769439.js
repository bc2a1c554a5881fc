window.fixture=1;
